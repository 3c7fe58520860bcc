using System.Globalization;
using System.Text;

namespace SessionMcp.Tests.Common;

/// <summary>
/// A shop page of about 2,000 elements built as sites are: nested menus, filters, product cards in wrapper divs, an
/// orders table, a form and a footer. The snapshot benchmark and the snapshot-budget tests read it.
/// </summary>
public static class HeavyPage
{
    public const int Products = 90;
    public const int Orders = 60;
    public const int FormFields = 8;

    private static readonly string[] Words = ["fast", "light", "durable", "classic", "modern", "compact", "premium", "simple", "bright", "quiet", "smart", "steel", "wooden", "cotton"];

    /// <summary>Buttons, links, text fields, checkboxes and the select on the page: what a snapshot must not lose.</summary>
    public static int InteractiveElements =>
        1 + (6 * 6) + 2 // logo, menus with their sub-links, search box and its button
        + (5 * 6) // filter checkboxes
        + (Products * 3) // product link, add to cart, save
        + Orders // "View" links
        + FormFields + 3 // fields, topic select, message, send
        + (4 * 6); // footer links

    public static string Body { get; } = Build();

    private static string Build()
    {
        var html = new StringBuilder();
        html.Append("""<header class="top"><div class="wrap"><a class="logo" href="/">Shop</a><nav aria-label="Main"><ul>""");
        for (var c = 0; c < 6; c++)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<li class="menu"><a href="/c/{c}">Category {c}</a><ul class="sub">""");
            for (var s = 0; s < 5; s++)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<li><a href="/c/{c}/{s}">Sub {c}.{s}</a></li>""");
            }

            html.Append("</ul></li>");
        }

        html.Append("""</ul></nav><form role="search" action="/search"><input type="search" name="q" aria-label="Search products"><button>Search</button></form></div></header>""");
        html.Append("""<div class="layout"><aside><h2>Filters</h2>""");
        for (var f = 0; f < 5; f++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><h3>Filter {f}</h3><ul>");
            for (var v = 0; v < 6; v++)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<li><label><input type="checkbox" name="f{f}" value="{v}"> Option {f}.{v}</label></li>""");
            }

            html.Append("</ul></section>");
        }

        html.Append("""</aside><main><h1>Catalogue</h1><div class="grid">""");
        for (var n = 0; n < Products; n++)
        {
            html.Append(CultureInfo.InvariantCulture, $"""
                <div class="card"><div class="media"><img src="data:," alt="Product {n}" width="120" height="80"></div><div class="body"><h2 class="title"><a href="/p/{n}">Product {n}</a></h2><div class="price"><span class="cur">€</span><span class="amt">{n}.99</span></div><p class="desc">{Description(n)}</p><div class="actions"><button class="add">Add to cart</button><button class="save" aria-label="Save Product {n}">♡</button></div></div></div>
                """);
        }

        html.Append("""</div><h2>Recent orders</h2><table><thead><tr><th>Order</th><th>Customer</th><th>Amount</th><th>Status</th><th></th></tr></thead><tbody>""");
        for (var r = 0; r < Orders; r++)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<tr><td>ORD-{5000 + r}</td><td>Customer {r}</td><td>{r * 7}.50</td><td>{(r % 3 == 0 ? "Open" : "Paid")}</td><td><a href="/o/{r}">View</a></td></tr>""");
        }

        html.Append("""</tbody></table><h2>Contact</h2><form action="/contact">""");
        for (var f = 0; f < FormFields; f++)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<div class="field"><label for="field{f}">Field {f}</label><input id="field{f}" name="field{f}"></div>""");
        }

        html.Append("""<div class="field"><label for="topic">Topic</label><select id="topic"><option>Sales</option><option>Support</option><option>Other</option></select></div><div class="field"><label for="msg">Message</label><textarea id="msg"></textarea></div><button type="submit">Send</button></form></main></div><footer><div class="cols">""");
        for (var c = 0; c < 4; c++)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<div class="col"><h4>Column {c}</h4><ul>""");
            for (var l = 0; l < 6; l++)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<li><a href="/f/{c}/{l}">Footer link {c}.{l}</a></li>""");
            }

            html.Append("</ul></div>");
        }

        html.Append("</div><p>© 2026 Shop. All rights reserved.</p></footer>");
        return html.ToString();
    }

    private static string Description(int n)
    {
        var random = new Random(n);
        return string.Join(' ', Enumerable.Range(0, 12).Select(_ => Words[random.Next(Words.Length)]));
    }
}

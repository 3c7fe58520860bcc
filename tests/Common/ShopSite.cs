using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SessionMcp.Tests.Common;

/// <summary>
/// A small shop on 127.0.0.1, for the shopping example: a product list whose "Add to cart" keeps the cart in a
/// cookie, a cart page with its total and a Checkout button, and an order page. Orders placed are counted, so a
/// test can see that none is placed before a person approves.
/// </summary>
public sealed class ShopSite : IAsyncDisposable
{
    public static IReadOnlyDictionary<string, (string Name, decimal Price)> Products { get; } = new Dictionary<string, (string, decimal)>
    {
        ["mug"] = ("Blue mug", 12.00m),
        ["tee"] = ("Grey T-shirt", 19.50m),
        ["cap"] = ("Red cap", 9.90m),
    };

    private readonly WebApplication _app;

    private ShopSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Each order placed, as the product ids it contained.</summary>
    public ConcurrentQueue<IReadOnlyList<string>> Orders { get; } = new();

    public static async Task<ShopSite> StartAsync()
    {
        var app = LoopbackWebApp.Create();
        ShopSite? site = null;
        app.MapGet("/shop", () => Html("Shop", "<h1>Shop</h1><ul>" + string.Concat(Products.Select(p =>
            $"""<li>{WebUtility.HtmlEncode(p.Value.Name)} ({Price(p.Value.Price)}) <form method="post" action="/cart/add"><input type="hidden" name="id" value="{p.Key}"><button id="add-{p.Key}">Add to cart</button></form></li>""")) + "</ul>"));
        app.MapPost("/cart/add", async (HttpContext context) =>
        {
            var id = (await context.Request.ReadFormAsync())["id"].ToString();
            var cart = Cart(context.Request).Append(id).Where(Products.ContainsKey);
            context.Response.Cookies.Append("cart", string.Join('.', cart));
            return Results.Redirect("/cart");
        });
        app.MapGet("/cart", (HttpContext context) =>
        {
            var cart = Cart(context.Request);
            var items = string.Concat(cart.Select(id => $"<li>{WebUtility.HtmlEncode(Products[id].Name)}</li>"));
            return Html("Cart", $"""<h1>Cart</h1><ul>{items}</ul><p id="total">Total: {Price(cart.Sum(id => Products[id].Price))}</p><form method="post" action="/checkout"><button id="checkout">Checkout</button></form>""");
        });
        app.MapPost("/checkout", (HttpContext context) =>
        {
            var cart = Cart(context.Request);
            site!.Orders.Enqueue(cart);
            context.Response.Cookies.Delete("cart");
            return Results.Redirect($"/order?items={cart.Count}");
        });
        app.MapGet("/order", (int items) => Html("Order", $"<h1>Order confirmed: {items} item(s)</h1>"));
        site = new ShopSite(app, await LoopbackWebApp.StartAsync(app));
        return site;
    }

    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).AbsoluteUri;

    private static List<string> Cart(HttpRequest request) =>
        [.. (request.Cookies["cart"] ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries).Where(Products.ContainsKey)];

    private static string Price(decimal price) => price.ToString("0.00", CultureInfo.InvariantCulture) + " EUR";

    private static IResult Html(string title, string body) =>
        Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body>{body}</body></html>", "text/html");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

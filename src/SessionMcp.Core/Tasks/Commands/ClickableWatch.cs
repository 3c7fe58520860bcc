using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// Elements a user can click that say so only to scripts: a <c>&lt;div onclick&gt;</c>, a listener added with
/// addEventListener, a <c>tabindex</c>, with no role and no pointer cursor. Playwright's snapshot gives them a
/// ref as a plain <c>generic</c>, which the compact snapshot would drop with the other wrappers; this finds them
/// (the page remembers which elements got click listeners, from an init script) so their refs are kept.
/// </summary>
internal static class ClickableWatch
{
    /// <summary>Most elements looked up per snapshot: each costs a round trip.</summary>
    public const int Limit = 50;

    public static readonly string InitScript = $$"""
        (() => {
          if (window.__sessionMcpClickables !== undefined) return;
          const listened = new WeakSet();
          const kinds = new Set(['click', 'mousedown', 'mouseup', 'pointerdown', 'pointerup', 'dblclick']);
          const add = EventTarget.prototype.addEventListener;
          const addEventListener = function (type, ...rest) {
            if (this instanceof Element && kinds.has(String(type).toLowerCase())) listened.add(this);
            return add.call(this, type, ...rest);
          };
          // Reads as the browser's own to a page that inspects it.
          Object.defineProperty(addEventListener, 'name', { value: 'addEventListener' });
          Object.defineProperty(addEventListener, 'length', { value: add.length });
          addEventListener.toString = add.toString.bind(add);
          EventTarget.prototype.addEventListener = addEventListener;
          const native = 'a[href],area[href],button,input,select,textarea,summary,option,label,[contenteditable=""],[contenteditable=true]';
          const roles = /^({{string.Join('|', CompactSnapshot.Interactive.Order(StringComparer.Ordinal))}})$/;
          const path = (el) => {
            const steps = [];
            for (let node = el; node && node.nodeType === 1 && node !== document.documentElement; node = node.parentElement) {
              let index = 1;
              for (let sibling = node.previousElementSibling; sibling; sibling = sibling.previousElementSibling) index++;
              steps.unshift(node.tagName.toLowerCase() + ':nth-child(' + index + ')');
            }
            return 'css=html > ' + steps.join(' > ');
          };
          window.__sessionMcpClickables = (limit) => {
            const found = [];
            for (const el of document.body ? document.body.querySelectorAll('*') : []) {
              if (found.length >= limit) break;
              const tabbable = el.hasAttribute('tabindex') && el.tabIndex >= 0;
              if (!(listened.has(el) || typeof el.onclick === 'function' || tabbable)) continue;
              if (el.matches(native) || roles.test(el.getAttribute('role') || '') || el.getRootNode() !== document) continue;
              // A container that handles its children's clicks (event delegation) is not itself the thing to click.
              if (el.querySelector(native)) continue;
              if (getComputedStyle(el).cursor === 'pointer') continue;
              const box = el.getBoundingClientRect();
              if (!box.width || !box.height) continue;
              found.push(path(el));
            }
            return found;
          };
        })();
        """;

    /// <summary>
    /// The refs Playwright's snapshot gives such elements on <paramref name="page"/>; empty where there are none. Each
    /// is a snapshot of its own, and refs resolve against the latest one: take the page's snapshot after this.
    /// </summary>
    public static async Task<HashSet<string>> RefsAsync(IPage page, float timeoutMs)
    {
        var refs = new HashSet<string>(StringComparer.Ordinal);
        string[] paths;
        try
        {
            paths = await page.EvaluateAsync<string[]>("limit => window.__sessionMcpClickables ? window.__sessionMcpClickables(limit) : []", Limit);
        }
        catch (PlaywrightException)
        {
            return refs;
        }

        foreach (var path in paths)
        {
            try
            {
                var own = await page.Locator(path).AriaSnapshotAsync(new LocatorAriaSnapshotOptions { Mode = AriaSnapshotMode.Ai, Timeout = Math.Min(timeoutMs, 1000) });
                if (AriaNode.ParseAll(own) is [{ Ref: { } found }, ..])
                {
                    refs.Add(found);
                }
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // Gone since it was found: nothing to keep.
            }
        }

        return refs;
    }
}

namespace SessionMcp.Core.Browser;

/// <summary>
/// For <c>disable_automation_detection</c>: what a page checks first to spot an automated browser, made to look
/// like a person's Chrome (no <c>navigator.webdriver</c>, languages, plugins, a <c>chrome</c> object).
/// </summary>
internal static class StealthScript
{
    public const string Source = """
        (() => {
          const define = (target, name, value) => { try { Object.defineProperty(target, name, { get: () => value, configurable: true }); } catch {} };
          define(Navigator.prototype, 'webdriver', undefined);
          define(Navigator.prototype, 'languages', ['en-US', 'en']);
          define(Navigator.prototype, 'plugins', [1, 2, 3, 4, 5].map(i => ({ name: 'PDF Viewer ' + i })));
          if (!window.chrome) window.chrome = { runtime: {} };
        })();
        """;
}

using Microsoft.Playwright;

namespace SessionMcp.Core.Browser;

/// <summary>A browser context with its first page open, ready to become a session.</summary>
internal sealed record WarmContext(IBrowserContext Context, IPage Page);

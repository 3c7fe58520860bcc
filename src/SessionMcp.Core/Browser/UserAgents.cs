using System.Security.Cryptography;

namespace SessionMcp.Core.Browser;

/// <summary>Realistic desktop Chrome user agents, for <c>use_random_user_agent</c> and for hiding "HeadlessChrome".</summary>
internal static class UserAgents
{
    private static readonly string[] Platforms =
    [
        "Windows NT 10.0; Win64; x64",
        "Macintosh; Intel Mac OS X 10_15_7",
        "X11; Linux x86_64",
    ];

    /// <summary>A desktop Chrome user agent for the engine's major version on a random common platform.</summary>
    public static string Random(string browserVersion) => For(Platforms[RandomNumberGenerator.GetInt32(Platforms.Length)], browserVersion);

    /// <summary>What Chrome itself would send on Linux, without the "Headless" that gives automation away.</summary>
    public static string Headful(string browserVersion) => For("X11; Linux x86_64", browserVersion);

    private static string For(string platform, string browserVersion)
    {
        // Chrome reports only its major version in the user agent ("reduced" UA): 156.0.0.0.
        var major = browserVersion.Split('.')[0];
        return $"Mozilla/5.0 ({platform}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{major}.0.0.0 Safari/537.36";
    }
}

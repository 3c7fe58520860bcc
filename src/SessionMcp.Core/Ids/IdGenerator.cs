using System.Security.Cryptography;

namespace SessionMcp.Core.Ids;

/// <summary>Random, unguessable ids: 128 bits from the system's CSPRNG behind a readable prefix.</summary>
public static class IdGenerator
{
    public const string BrowserSessionPrefix = "pbs_";
    public const string RunPrefix = "run_";
    public const string BrowserProfilePrefix = "bp_";

    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>Number of random bits in every id.</summary>
    public const int RandomBits = 128;

    public static string NewBrowserSessionId() => New(BrowserSessionPrefix);

    public static string NewRunId() => New(RunPrefix);

    public static string New(string prefix)
    {
        // 25 base-36 digits hold 129.2 bits; the value comes from 16 random bytes, so every id carries 128 bits.
        Span<byte> bytes = stackalloc byte[RandomBits / 8];
        RandomNumberGenerator.Fill(bytes);
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true);
        Span<char> digits = stackalloc char[25];
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = Alphabet[(int)(value % 36)];
            value /= 36;
        }

        return string.Concat(prefix, digits);
    }
}

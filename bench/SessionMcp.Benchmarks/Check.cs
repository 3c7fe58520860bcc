using SessionMcp.Tests.Common;

namespace SessionMcp.Benchmarks;

/// <summary>A figure counts only if the work was done: these throw when a page did not end where it should.</summary>
internal static class Check
{
    public static void Equal<T>(string what, T actual, T expected)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
        {
            throw new InvalidOperationException($"{what}: expected {expected}, got {actual}");
        }
    }

    public static void Invoices(IEnumerable<string> numbers) =>
        Equal("invoice numbers", string.Join(',', numbers), string.Join(',', LocalSite.InvoiceNumbers));
}

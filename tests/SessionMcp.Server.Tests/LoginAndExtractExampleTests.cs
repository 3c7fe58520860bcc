using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>Runs the example program itself, as its README says, against the test site.</summary>
public sealed class LoginAndExtractExampleTests
{
    [Fact]
    public async Task Example_LogsInAndExtractsInvoices_InOneSession()
    {
        await using var site = await LocalSite.StartAsync();
        var ended = await ChildProcess.RunAsync(
            "dotnet",
            [RepoPaths.Built("examples/LoginAndExtract", "LoginAndExtract.dll"), "--server", RepoPaths.ServerDll, "--site", site.BaseUrl.AbsoluteUri],
            null,
            TimeSpan.FromSeconds(90));
        var output = ended.Output;
        TestContext.Current.SendDiagnosticMessage(ended.Errors);

        Assert.True(ended.ExitCode == 0, output);
        Assert.Contains("login: completed at " + site.Url("/dashboard"), output, StringComparison.Ordinal);
        Assert.Contains($"invoices: {LocalSite.InvoiceCount}", output, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", LocalSite.InvoiceNumbers), output, StringComparison.Ordinal);
        Assert.Contains("closed", output, StringComparison.Ordinal);
    }
}

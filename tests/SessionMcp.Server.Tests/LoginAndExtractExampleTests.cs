using System.Diagnostics;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>Runs the example program itself, as its README says, against the test site.</summary>
public sealed class LoginAndExtractExampleTests
{
    [Fact]
    public async Task Example_LogsInAndExtractsInvoices_InOneSession()
    {
        await using var site = await LocalSite.StartAsync();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { RepoPaths.Built("examples/LoginAndExtract", "LoginAndExtract.dll"), "--server", RepoPaths.ServerDll, "--site", site.BaseUrl.AbsoluteUri })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(90), TestContext.Current.CancellationToken);
        var output = await stdout;
        TestContext.Current.SendDiagnosticMessage(await stderr);

        Assert.True(process.ExitCode == 0, output);
        Assert.Contains("login: completed at " + site.Url("/dashboard"), output, StringComparison.Ordinal);
        Assert.Contains($"invoices: {LocalSite.InvoiceCount}", output, StringComparison.Ordinal);
        Assert.Contains(string.Join(", ", LocalSite.InvoiceNumbers), output, StringComparison.Ordinal);
        Assert.Contains("closed", output, StringComparison.Ordinal);
    }
}

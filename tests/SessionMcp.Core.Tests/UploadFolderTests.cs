using SessionMcp.Core.Errors;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>With UploadsPath set, upload_file reads only files really inside it: no link or <c>..</c> leads out.</summary>
public sealed class UploadFolderTests(BrowserFixture fixture) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("uploads-").FullName;

    [Theory]
    [InlineData("dirlink/passwd")]
    [InlineData("dirlink/../ok.txt")]
    [InlineData("filelink")]
    [InlineData("../../etc/passwd")]
    public async Task Upload_IsRefused_WhenALinkOrDotDotLeadsOutOfTheFolder(string relative)
    {
        Prepare();
        await using var harness = fixture.CreateHarness(o => o.UploadsPath = _root);

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => UploadAsync(harness, Path.Combine(_root, relative)));

        Assert.Contains("is outside the folder uploads may come from", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_SaysTheSameOfAFileOutsideTheFolder_WhetherOrNotItExists()
    {
        Prepare();
        await using var harness = fixture.CreateHarness(o => o.UploadsPath = _root);

        var existing = await Assert.ThrowsAsync<InvalidArgumentException>(() => UploadAsync(harness, "/etc/passwd"));
        var missing = await Assert.ThrowsAsync<InvalidArgumentException>(() => UploadAsync(harness, "/etc/no-such-file-here"));

        Assert.Equal(existing.Message.Replace("/etc/passwd", "X", StringComparison.Ordinal), missing.Message.Replace("/etc/no-such-file-here", "X", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_Works_ThroughALinkThatStaysInside()
    {
        Prepare();
        await using var harness = fixture.CreateHarness(o => o.UploadsPath = _root);

        var run = await UploadAsync(harness, Path.Combine(_root, "inner-link"));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal("ok.txt:2", run.Output!.GetValue<string>());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Prepare()
    {
        File.WriteAllText(Path.Combine(_root, "ok.txt"), "ok");
        Directory.CreateSymbolicLink(Path.Combine(_root, "dirlink"), "/etc");
        File.CreateSymbolicLink(Path.Combine(_root, "filelink"), "/etc/hostname");
        File.CreateSymbolicLink(Path.Combine(_root, "inner-link"), Path.Combine(_root, "ok.txt"));
    }

    private Task<RunResult> UploadAsync(CoreHarness harness, string path) => harness.RunAsync(new RunRequest
    {
        Url = fixture.Site.Url("/upload"),
        Commands = CoreHarness.Commands(
            ("upload_file", $$"""{"selector": "#files", "paths": [{{System.Text.Json.JsonSerializer.Serialize(path)}}]}"""),
            ("extract_text", """{"selector": "#chosen"}""")),
    });
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// The NuGet tool package as a user gets it: packed, installed from the feed (or run by <c>dnx</c>), started by
/// its command over stdio, its <c>.mcp/server.json</c> valid for the MCP Registry.
/// </summary>
public sealed class ToolPackageTests(PackedTool tool) : IClassFixture<PackedTool>
{
    // https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json, byte for byte.
    private const string RegistrySchemaSha256 = "3fba09590c99f61735d234822279f4223fab9e300c0a81e81c91ab62a4114de0";

    [Fact]
    public async Task InstalledTool_ServesOverStdio_AndRunsABrowserSession()
    {
        var toolPath = tool.NewFolder("tools");
        await tool.RunAsync("dotnet", ["tool", "install", "SessionMcp", "--tool-path", toolPath, "--add-source", tool.Feed, "--version", tool.Version]);
        var dataPath = Path.Combine(toolPath, "data");

        // Started as mcp.json.example's first entry says, the tool folder standing in for PATH.
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "mcp.json.example")))!["mcpServers"]!["sessionmcp"]!;
        var environment = example["env"]!.AsObject().ToDictionary(p => p.Key, p => (string?)p.Value!.GetValue<string>());
        environment["SessionMcp__DataPath"] = dataPath;
        await using var server = await ServerProcess.StartAsync(
            Path.Combine(toolPath, example["command"]!.GetValue<string>()),
            [.. example["args"]!.AsArray().Select(a => a!.GetValue<string>())],
            environment,
            ServerProcess.Options,
            TestContext.Current.CancellationToken);

        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(tools, t => t.Name == "create_browser_session");
        Assert.Contains(tools, t => t.Name == "run_task");
        var created = await server.Client.CallCheckedAsync("create_browser_session", new Dictionary<string, object?>());
        var id = JsonNode.Parse(ToolCalls.Text(created))!["browser_session_id"]!.GetValue<string>();
        var closed = await server.Client.CallCheckedAsync("close_browser_session", new Dictionary<string, object?> { ["browser_session_id"] = id });
        Assert.NotEqual(true, closed.IsError);
        Assert.True(File.Exists(Path.Combine(dataPath, "sessionmcp.db")), "SessionMcp__DataPath, as server.json documents it, was not used");
    }

    [Fact]
    public async Task Dnx_RunsThePackage_FromTheFeed()
    {
        // mcp.json.example's dnx entry, from the local feed instead of NuGet.org ('dotnet dnx' is what 'dnx' runs).
        var example = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "mcp.json.example")))!["mcpServers"]!["sessionmcp-with-dnx"]!;
        Assert.Equal("dnx", example["command"]!.GetValue<string>());
        await using var server = await ServerProcess.StartAsync(
            "dotnet",
            ["dnx", .. example["args"]!.AsArray().Select(a => a!.GetValue<string>()), "--version", tool.Version, "--add-source", tool.Feed],
            tool.Environment,
            ServerProcess.Options,
            TestContext.Current.CancellationToken);

        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(tools, t => t.Name == "get_browser_sessions");
    }

    [Fact]
    public async Task InstallBrowser_FromThePackage_NamesTheBrowserTheServerWillUse()
    {
        var said = await tool.RunAsync("dotnet", ["dnx", "SessionMcp", "--version", tool.Version, "--add-source", tool.Feed, "--yes", "--", "install-browser"]);

        Assert.Contains("SessionMcp will use ", said, StringComparison.Ordinal);
    }

    [Fact]
    public void Package_IsAnMcpServerTool_NamedSessionmcp_WithItsServerJson()
    {
        using var package = ZipFile.OpenRead(tool.Package);
        var nuspec = System.Xml.Linq.XDocument.Load(package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        var types = nuspec.Descendants().Where(e => e.Name.LocalName == "packageType").Select(e => (string?)e.Attribute("name")).ToList();
        Assert.Contains("McpServer", types);
        Assert.Contains("DotnetTool", types);
        using var settings = package.GetEntry("tools/net10.0/any/DotnetToolSettings.xml")!.Open();
        Assert.Contains("<Command Name=\"sessionmcp\"", new StreamReader(settings).ReadToEnd(), StringComparison.Ordinal);

        var serverJson = JsonNode.Parse(new StreamReader(package.GetEntry(".mcp/server.json")!.Open()).ReadToEnd())!;
        Assert.Equal(tool.Version, serverJson["version"]!.GetValue<string>());
        var nuget = Assert.Single(serverJson["packages"]!.AsArray())!;
        Assert.Equal("nuget", nuget["registryType"]!.GetValue<string>());
        Assert.Equal("SessionMcp", nuget["identifier"]!.GetValue<string>());
        Assert.Equal(tool.Version, nuget["version"]!.GetValue<string>());
    }

    [Fact]
    public void ServerJson_ValidatesAgainstTheRegistrysPublishedSchema()
    {
        var schemaFile = Path.Combine(AppContext.BaseDirectory, "TestData", "server.schema.2025-12-11.json");
        Assert.Equal(RegistrySchemaSha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(schemaFile))));
        var schema = JsonSchema.FromText(File.ReadAllText(schemaFile));
        var serverJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "SessionMcp.Server", ".mcp", "server.json")))!;

        Assert.Equal("https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json", serverJson["$schema"]!.GetValue<string>());
        var valid = Evaluate(schema, serverJson);
        Assert.True(valid.IsValid, Failures(valid));

        // The check can fail: the registry's own limits, broken one at a time, are caught.
        var tooLong = serverJson.DeepClone();
        tooLong["description"] = new string('x', 101);
        Assert.False(Evaluate(schema, tooLong).IsValid);
        var badName = serverJson.DeepClone();
        badName["name"] = "sessionmcp";
        Assert.False(Evaluate(schema, badName).IsValid);
    }

    private static EvaluationResults Evaluate(JsonSchema schema, JsonNode document) =>
        schema.Evaluate(JsonDocument.Parse(document.ToJsonString()).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });

    private static string Failures(EvaluationResults evaluation) => string.Join("; ", (evaluation.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));
}

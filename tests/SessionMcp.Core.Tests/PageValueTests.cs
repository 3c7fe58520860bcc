using System.Text.Json.Nodes;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>
/// Values read from a page come back as the page had them: no serializer bookkeeping (<c>$id</c>, <c>$ref</c>,
/// <c>$values</c>) in <c>evaluate</c> and <c>extract</c> results, shared values written out, a cycle named.
/// </summary>
public sealed class PageValueTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("({ a: { b: 1, c: [ { d: 'x' }, [2, 3] ] }, e: null, f: true })", """{"a":{"b":1,"c":[{"d":"x"},[2,3]]},"e":null,"f":true}""")]
    [InlineData("(() => { const x = { k: 1 }; return { a: x, b: x, l: [x, x] }; })()", """{"a":{"k":1},"b":{"k":1},"l":[{"k":1},{"k":1}]}""")]
    [InlineData("(() => { const arr = [1, { z: 2 }]; return { p: arr, q: arr }; })()", """{"p":[1,{"z":2}],"q":[1,{"z":2}]}""")]
    [InlineData("(() => { const x = { n: 1 }; x.self = x; return x; })()", """{"n":1,"self":"[Circular]"}""")]
    [InlineData("({ '$id': 'mine', '$ref': 'r', '$values': [1] })", """{"$id":"mine","$ref":"r","$values":[1]}""")]
    [InlineData("[{ a: 1 }, { a: 1 }]", """[{"a":1},{"a":1}]""")]
    public async Task Evaluate_ReturnsThePagesValue_WithNoSerializerBookkeeping(string expression, string expected)
    {
        await using var harness = fixture.CreateHarness(o => o.AllowEvaluate = true);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });

        var run = await harness.RunAsync(session, ("evaluate", new JsonObject { ["expression"] = expression }.ToJsonString()));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(expected, run.Output!.ToJsonString());
    }

    [Fact]
    public async Task Extract_DescribesElements_WithNoSerializerBookkeeping()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });

        var run = await harness.RunAsync(session, ("extract", """{"selector": "input", "all": true}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        var text = run.Output!.ToJsonString();
        Assert.DoesNotContain("$id", text, StringComparison.Ordinal);
        Assert.Equal(2, run.Output!.AsArray().Count);
        Assert.Equal("""{"id":"email","name":"email","type":"email"}""", run.Output![0]!["attributes"]!.ToJsonString());
    }
}

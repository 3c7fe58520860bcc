using System.Text.Json;
using Microsoft.Extensions.AI;
using Moq;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>Prompt runs: a model carries out a goal through the same commands, on real Chromium.</summary>
public sealed class PromptRunTests(BrowserFixture fixture)
{
    private static readonly JsonElement InvoiceSchema = JsonDocument.Parse("""{"type": "array", "items": {"type": "string"}}""").RootElement;

    [Fact]
    public async Task Prompt_LogsInAndListsInvoices_WithScriptedModel_AndOutputMatchesSchema()
    {
        await using var harness = fixture.CreateHarness();
        var model = new ScriptedModel();

        var run = await harness.RunAsync(new RunRequest
        {
            Url = fixture.Site.Url("/login"),
            Prompt = "Log in and list the invoice numbers",
            DataExtractionSchema = InvoiceSchema,
            MaxSteps = 10,
            Model = model,
        });

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(LocalSite.InvoiceNumbers, run.Output!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(["navigate", "type_text", "type_text", "click", "extract_text", "done"], run.Steps.Select(s => s.Command));
        Assert.Equal("sign in", run.Steps[3].Reason);
        Assert.StartsWith("e", run.Steps[1].Arguments!["ref"]!.GetValue<string>(), StringComparison.Ordinal);

        // What the model saw: the goal, the schema, and page content marked as data.
        var firstObservation = model.Requests[0][^1].Text;
        Assert.Contains("Step 1 of 10", firstObservation, StringComparison.Ordinal);
        Assert.Contains("<page_content>", firstObservation, StringComparison.Ordinal);
        Assert.Contains("textbox \"Email\"", firstObservation, StringComparison.Ordinal);
        Assert.Contains("\"items\"", model.Requests[0][1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_FailsClearly_WhenModelNeverCallsDone()
    {
        await using var harness = fixture.CreateHarness();
        var model = new Mock<IChatClient>();
        model.Setup(m => m.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(Guid.NewGuid().ToString(), "scroll", new Dictionary<string, object?> { ["y"] = 100 })])));

        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url("/form"), Prompt = "scroll forever", MaxSteps = 3, Model = model.Object });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("max_steps reached (3) before the model called done", run.FailureReason);
        Assert.Equal(4, run.Steps.Count);
    }

    [Fact]
    public async Task Prompt_FailsClearly_WhenModelErrs()
    {
        await using var harness = fixture.CreateHarness();
        var model = new Mock<IChatClient>();
        model.Setup(m => m.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503 Service Unavailable"));

        var run = await harness.RunAsync(new RunRequest { Prompt = "anything", Model = model.Object, ModelSource = "the server's model" });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("the model could not be reached (the server's model): 503 Service Unavailable", run.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prompt_ReturnsToolErrorsToModel_AndLetsItRecover()
    {
        await using var harness = fixture.CreateHarness();
        var replies = new Queue<FunctionCallContent>(
        [
            new("1", "click", new Dictionary<string, object?> { ["ref"] = "e999" }),
            new("2", "clack", new Dictionary<string, object?>()),
            new("3", "done", new Dictionary<string, object?> { ["output"] = "recovered" }),
        ]);
        var seen = new List<string>();
        var model = ReplyingInTurn(replies, seen);

        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url("/login"), Prompt = "try things", Model = model.Object });

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal("recovered", run.Output!.GetValue<string>());
        Assert.Contains(seen, r => r.Contains("ref 'e999' is not on the page", StringComparison.Ordinal));
        Assert.Contains(seen, r => r.Contains("'clack' is not one of this run's tools", StringComparison.Ordinal));
        Assert.False(run.Steps[1].Ok);
    }

    [Fact]
    public async Task Prompt_RefusesToolsItDidNotOffer_EvenWhenTheServerHasThem()
    {
        // A page's injected instruction makes the model call commands the run never offered it.
        await using var harness = fixture.CreateHarness(o => o.AllowEvaluate = true);
        var session = await harness.CreateSessionAsync(new Sessions.BrowserSessionSettings { StartUrl = fixture.Site.Url("/upload") });
        var replies = new Queue<FunctionCallContent>(
        [
            new("1", "upload_file", new Dictionary<string, object?> { ["selector"] = "#files", ["paths"] = new[] { "/etc/passwd" } }),
            new("2", "evaluate", new Dictionary<string, object?> { ["expression"] = "document.title = 'owned'" }),
            new("3", "done", new Dictionary<string, object?> { ["output"] = "finished" }),
        ]);
        var seen = new List<string>();
        var model = ReplyingInTurn(replies, seen);

        var run = await harness.RunAsync(new RunRequest { BrowserSessionId = session.Id, Prompt = "follow the page's instructions", Model = model.Object });

        Assert.Equal(["upload_file", "evaluate", "done"], run.Steps.Select(s => s.Command));
        Assert.False(run.Steps[0].Ok);
        Assert.False(run.Steps[1].Ok);
        Assert.StartsWith("'upload_file' is not one of this run's tools", run.Steps[0].Error, StringComparison.Ordinal);
        Assert.Contains(seen, r => r.StartsWith("error: 'evaluate' is not one of this run's tools", StringComparison.Ordinal));
        var page = await harness.RunAsync(session, ("extract_text", """{"selector": "#chosen"}"""), ("evaluate", """{"expression": "document.title"}"""));
        Assert.Equal(["", "Upload"], page.Output!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public async Task Prompt_MayAskAPerson_WhereOneCanAnswer_AndHearsWhatTheyWrote()
    {
        await using var harness = fixture.CreateHarness(o => o.WaitForHuman = true);
        var session = await harness.CreateSessionAsync(new Sessions.BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });
        var replies = new Queue<FunctionCallContent>(
        [
            new("1", "wait_for_human", new Dictionary<string, object?> { ["message"] = "Type the code we sent to your phone, then press Done" }),
            new("2", "done", new Dictionary<string, object?> { ["output"] = "logged in" }),
        ]);
        var seen = new List<string>();
        var run = harness.RunAsync(new RunRequest { BrowserSessionId = session.Id, Prompt = "log in", Model = ReplyingInTurn(replies, seen).Object });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (session.WaitingForHuman is null)
        {
            await Task.Delay(20, limit.Token);
        }

        Assert.Equal("Type the code we sent to your phone, then press Done", session.WaitingForHuman.Message);
        Assert.True(session.AnswerHuman(new Sessions.HumanAnswer(true, "code typed")));
        var done = await run.WaitAsync(limit.Token);

        Assert.True(done.Status == RunStatus.Completed, done.FailureReason);
        Assert.Equal(["wait_for_human", "done"], done.Steps.Select(s => s.Command));
        Assert.Contains(seen, r => r.Contains("\"note\":\"code typed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prompt_IsNotOfferedAPerson_WhereNobodyCanAnswer()
    {
        await using var harness = fixture.CreateHarness();
        var replies = new Queue<FunctionCallContent>(
        [
            new("1", "wait_for_human", new Dictionary<string, object?> { ["message"] = "help" }),
            new("2", "done", new Dictionary<string, object?> { ["output"] = "gave up" }),
        ]);
        var model = ReplyingInTurn(replies, []);

        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url("/"), Prompt = "anything", Model = model.Object });

        Assert.StartsWith("'wait_for_human' is not one of this run's tools", run.Steps.Single(s => s.Command == "wait_for_human").Error, StringComparison.Ordinal);
        model.Verify(m => m.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.Is<ChatOptions>(o => o.Tools!.All(t => t.Name != "wait_for_human")), It.IsAny<CancellationToken>()), Times.AtLeastOnce());
    }

    [Fact]
    public async Task Prompt_RepairsOnce_ThenFails_WhenOutputBreaksSchema()
    {
        await using var harness = fixture.CreateHarness();
        var model = new Mock<IChatClient>();
        model.Setup(m => m.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(Guid.NewGuid().ToString(), "done", new Dictionary<string, object?> { ["output"] = 42 })])));

        var run = await harness.RunAsync(new RunRequest { Prompt = "list invoices", Model = model.Object, DataExtractionSchema = InvoiceSchema });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal("the output does not match data_extraction_schema: output must be array, not number", run.FailureReason);
        Assert.Equal(2, run.Steps.Count(s => s.Command == "done"));
    }

    [Fact]
    public async Task Prompt_StopsWhenClientCancels_AndSessionStaysUsable()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new Sessions.BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });
        var thinking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var model = new Mock<IChatClient>();
        model.Setup(m => m.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .Returns(async (IEnumerable<ChatMessage> _, ChatOptions? _, CancellationToken token) =>
            {
                thinking.TrySetResult();
                await Task.Delay(Timeout.Infinite, token);
                return new ChatResponse();
            });
        using var client = new CancellationTokenSource();

        var run = harness.Runner.RunAsync(new RunRequest { BrowserSessionId = session.Id, Prompt = "think forever", Model = model.Object }, CoreHarness.Owner, client.Token);
        await thinking.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await client.CancelAsync();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Canceled, result.Status);
        Assert.Contains("the client cancelled the run", result.FailureReason, StringComparison.Ordinal);
        var after = await harness.RunAsync(session, ("extract_text", """{"selector": "h1"}"""));
        Assert.Equal("Log in", after.Output!.GetValue<string>());
    }

    [Fact]
    public async Task MixedRun_RunsUrlThenCommandsThenPrompt_InThatOrder()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest
        {
            Url = fixture.Site.Url("/login"),
            Commands = CoreHarness.Commands(("type_text", $$"""{"selector": "#email", "text": "{{LocalSite.Email}}"}""")),
            Prompt = "Log in and list the invoice numbers",
            Model = new ScriptedModel(),
        });

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(["navigate", "type_text"], run.Steps.Take(2).Select(s => s.Command));
        Assert.Null(run.Steps[1].Reason);
        Assert.All(run.Steps.Skip(2), s => Assert.NotNull(s.Reason));
        Assert.Equal(LocalSite.InvoiceCount, run.Output!.AsArray().Count);
    }

    [Fact]
    public async Task Prompt_WithoutModel_IsRefusedWithHowToConfigure()
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.RunAsync(new RunRequest { Prompt = "log in" }));

        Assert.Equal("prompt", error.Argument);
        Assert.Equal("prompt " + TaskRunner.NoModelAdvice, error.Message);
        Assert.Contains("SessionMcp:Model:Endpoint", error.Message, StringComparison.Ordinal);
        Assert.Contains("sampling", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A model that answers with <paramref name="replies"/> in turn, noting in <paramref name="seen"/> what each tool call gave back.</summary>
    private static Mock<IChatClient> ReplyingInTurn(Queue<FunctionCallContent> replies, List<string> seen)
    {
        var model = new Mock<IChatClient>();
        model.Setup(m => m.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IEnumerable<ChatMessage> messages, ChatOptions? _, CancellationToken _) =>
            {
                seen.AddRange(messages.Where(m => m.Role == ChatRole.Tool).SelectMany(m => m.Contents).OfType<FunctionResultContent>().Select(r => r.Result?.ToString() ?? ""));
                return new ChatResponse(new ChatMessage(ChatRole.Assistant, [replies.Dequeue()]));
            });
        return model;
    }
}

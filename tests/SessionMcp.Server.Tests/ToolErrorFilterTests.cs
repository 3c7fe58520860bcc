using SessionMcp.Server.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Moq;
using SessionMcp.Core.Errors;

namespace SessionMcp.Server.Tests;

/// <summary>The one place where failures become tool errors: ours keep their advice, others never leak.</summary>
public sealed class ToolErrorFilterTests
{
    private static RequestContext<CallToolRequestParams> Context(IServiceProvider services)
    {
        var server = McpServer.Create(new StreamServerTransport(Stream.Null, Stream.Null), new McpServerOptions());
        return new RequestContext<CallToolRequestParams>(server, new JsonRpcRequest { Method = RequestMethods.ToolsCall }, new CallToolRequestParams { Name = "run_task" })
        {
            Services = services,
        };
    }

    [Fact]
    public async Task Wrap_KeepsMessageOfOurErrors()
    {
        var handler = ToolErrorFilter.Wrap((_, _) => throw new InvalidArgumentException("timeout", "must be between 5 and 1440 minutes; got 2."));

        var result = await handler(Context(new ServiceCollection().BuildServiceProvider()), TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        Assert.Equal("timeout must be between 5 and 1440 minutes; got 2.", Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
    }

    [Fact]
    public async Task Wrap_HidesUnexpectedErrors_AndLogsThemWithStack()
    {
        var logger = new Mock<ILogger>();
        logger.Setup(l => l.IsEnabled(It.IsAny<LogLevel>())).Returns(true);
        var factory = new Mock<ILoggerFactory>();
        factory.Setup(f => f.CreateLogger(It.IsAny<string>())).Returns(logger.Object);
        var services = new ServiceCollection().AddSingleton(factory.Object).BuildServiceProvider();
        var failure = new InvalidOperationException("connection string Password=hunter2");
        var handler = ToolErrorFilter.Wrap((_, _) => throw failure);

        var result = await handler(Context(services), TestContext.Current.CancellationToken);

        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.True(result.IsError);
        Assert.Contains("run_task failed because of an internal error", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        logger.Verify(l => l.Log(LogLevel.Error, It.IsAny<EventId>(), It.IsAny<It.IsAnyType>(), failure, It.IsAny<Func<It.IsAnyType, Exception?, string>>()), Times.Once);
    }

    [Fact]
    public async Task Wrap_PassesCancellationThrough()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var handler = ToolErrorFilter.Wrap((_, token) => throw new OperationCanceledException(token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await handler(Context(new ServiceCollection().BuildServiceProvider()), cancelled.Token));
    }
}

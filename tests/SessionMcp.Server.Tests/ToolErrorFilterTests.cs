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
    public async Task Wrap_NamesALockedDatabase_InsteadOfAnInternalError()
    {
        // A real "database is locked" from SQLite: another connection holds the file, and this one waits only a second.
        var file = Path.Combine(Path.GetTempPath(), $"locked-{Guid.NewGuid():N}.db");
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using (var create = holder.CreateCommand())
        {
            create.CommandText = "CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE;";
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=1");
        await writer.OpenAsync(TestContext.Current.CancellationToken);
        var handler = ToolErrorFilter.Wrap(async (_, token) =>
        {
            await using var insert = writer.CreateCommand();
            insert.CommandText = "INSERT INTO t VALUES (1);";
            await insert.ExecuteNonQueryAsync(token);
            return new CallToolResult();
        });

        var result = await handler(Context(new ServiceCollection().BuildServiceProvider()), TestContext.Current.CancellationToken);

        Assert.True(result.IsError);
        Assert.Equal(
            "run_task: the server's database (sessionmcp.db in SessionMcp:DataPath) is locked by another program; nothing was saved. Try again in a moment.",
            Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text);
        File.Delete(file);
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

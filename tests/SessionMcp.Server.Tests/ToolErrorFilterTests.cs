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

    [Theory]
    [InlineData("locked", "is locked by another program; nothing was saved. Try again in a moment.")]
    [InlineData("full", "is full; nothing was saved. Free some space and try again.")]
    [InlineData("read-only", "cannot be written here (read-only, or not allowed); nothing was saved.")]
    [InlineData("damaged", "could not be read or written (a disk error, or a damaged file); nothing was saved.")]
    public async Task Wrap_NamesADatabaseItCannotUse_InsteadOfAnInternalError(string fault, string expected)
    {
        // Real SQLite failures, each made the way it happens: another program holding the file, no room left (a
        // page limit stands in for the disk), a file the server may not write, a file that is not a database.
        var file = Path.Combine(Path.GetTempPath(), $"{fault}-{Guid.NewGuid():N}.db");
        var token = TestContext.Current.CancellationToken;
        await using (var setup = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await setup.OpenAsync(token);
            await Execute(setup, "CREATE TABLE t (x BLOB);", token);
        }

        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False");
        if (fault == "locked")
        {
            await holder.OpenAsync(token);
            await Execute(holder, "BEGIN EXCLUSIVE;", token);
        }
        else if (fault == "damaged")
        {
            await File.WriteAllBytesAsync(file, [.. Enumerable.Repeat((byte)0x5A, 8192)], token);
        }

        var mode = fault == "read-only" ? ";Mode=ReadOnly" : "";
        await using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=False;Default Timeout=1{mode}");
        await writer.OpenAsync(token);
        var handler = ToolErrorFilter.Wrap(async (_, cancellationToken) =>
        {
            try
            {
                if (fault == "full")
                {
                    await Execute(writer, "PRAGMA max_page_count = 3;", cancellationToken);
                }

                await Execute(writer, "INSERT INTO t VALUES (zeroblob(100000));", cancellationToken);
                return new CallToolResult();
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // As the SQLite stores pass it on (SqliteDatabase.UseAsync).
                throw Core.Storage.Sqlite.SqliteFailure.Unavailable(ex);
            }
        });

        var result = await handler(Context(new ServiceCollection().BuildServiceProvider()), token);

        Assert.True(result.IsError);
        var text = Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text;
        Assert.StartsWith("run_task: the ", text, StringComparison.Ordinal);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains("SessionMcp:DataPath", text, StringComparison.Ordinal);
        await writer.CloseAsync();
        await holder.CloseAsync();
        File.Delete(file);
    }

    private static async Task Execute(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
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

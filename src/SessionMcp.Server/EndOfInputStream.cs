namespace SessionMcp.Server;

/// <summary>
/// The server's stdin, which says when the client has gone: the end of input is a client that quit or crashed.
/// The SDK waits for tool calls in progress before it stops, so without this a long run would outlive its client.
/// </summary>
internal sealed class EndOfInputStream(Stream inner) : Stream
{
    private readonly CancellationTokenSource _ended = new();

    /// <summary>Cancelled once the input has ended.</summary>
    public CancellationToken Ended => _ended.Token;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Observe(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Observe(await inner.ReadAsync(buffer, cancellationToken));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Observe(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _ended.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Observe(int read)
    {
        if (read == 0 && !_ended.IsCancellationRequested)
        {
            // At once, on the reading thread: the SDK disposes this stream right after, and a cancel queued for
            // later could find it disposed. The one listener only starts the runs' cancellation and returns.
            _ended.Cancel();
        }

        return read;
    }
}

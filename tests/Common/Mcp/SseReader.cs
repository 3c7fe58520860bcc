using System.Text.Json;

namespace SessionMcp.Tests.Common;

/// <summary>Reads Server-Sent Events: <c>event:</c> and <c>data:</c> lines up to a blank line.</summary>
public sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    /// <summary>The data of the next event named <paramref name="name"/>, skipping others.</summary>
    public async Task<JsonElement> NextAsync(string name)
    {
        while (true)
        {
            string? eventName = null;
            var data = new System.Text.StringBuilder();
            string? line;
            while ((line = await _reader.ReadLineAsync()) is not null && line.Length > 0)
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    eventName = line[7..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Append(line[6..]);
                }
            }

            if (line is null)
            {
                throw new EndOfStreamException($"the stream ended before a '{name}' event");
            }

            if (eventName == name)
            {
                return JsonDocument.Parse(data.ToString()).RootElement.Clone();
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}

using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace SessionMcp.Server.Tools;

/// <summary>
/// A tool result built by hand with the same JSON in its text and its structuredContent, for the tools that need
/// more than a returned record: an error flag (run_task's failed runs) or an image beside the JSON (stream_frame).
/// </summary>
internal static class StructuredResult
{
    public static CallToolResult Of<T>(T value, bool isError = false, ContentBlock? before = null)
    {
        var json = JsonSerializer.SerializeToElement(value, SessionMcpJson.Options.GetTypeInfo(typeof(T)));
        var text = new TextContentBlock { Text = json.GetRawText() };
        return new CallToolResult
        {
            Content = before is null ? [text] : [before, text],
            StructuredContent = json,
            IsError = isError ? true : null,
        };
    }
}

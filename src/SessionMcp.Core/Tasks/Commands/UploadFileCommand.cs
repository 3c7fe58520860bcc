using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>upload_file {selector|ref, paths}</c>: sets the files of a file input to files on the server's machine.</summary>
internal sealed class UploadFileCommand(SessionMcpOptions options) : IBrowserCommand
{
    public string Name => "upload_file";

    public PreparedStep Prepare(CommandData data)
    {
        var target = data.RequireTarget();
        var paths = data.GetStringList("paths") ?? throw new InvalidArgumentException(data.Field("paths"), "is required: a list of file paths on the server's machine, such as [\"/tmp/report.pdf\"].");
        for (var i = 0; i < paths.Count; i++)
        {
            if (!Path.IsPathFullyQualified(paths[i]) || !File.Exists(paths[i]))
            {
                throw new InvalidArgumentException($"{data.Field("paths")}[{i}]", $"'{paths[i]}' is not an existing file; give an absolute path of a file on the server's machine.");
            }

            if (options.UploadsPath is { } root && !IsInside(paths[i], root))
            {
                throw new InvalidArgumentException($"{data.Field("paths")}[{i}]", $"'{paths[i]}' is outside the folder uploads may come from ({root}); put the file there first (SessionMcp:UploadsPath).");
            }
        }

        return new PreparedStep(Name, async context =>
        {
            await context.OnElementAsync(target, locator => locator.SetInputFilesAsync(paths, new LocatorSetInputFilesOptions { Timeout = context.TimeoutMs }));
            return new JsonArray([.. paths.Select(p => JsonValue.Create(Path.GetFileName(p)))]);
        });
    }

    private static bool IsInside(string path, string root)
    {
        // Resolve links and ".." first, so a path cannot step out of the folder.
        var full = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)) + Path.DirectorySeparatorChar;
        return full.StartsWith(folder, StringComparison.Ordinal);
    }
}

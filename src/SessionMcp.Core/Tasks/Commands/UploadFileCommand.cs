using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Files;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>upload_file {selector|ref, paths}</c>: sets the files of a file input to files on the server's machine.</summary>
internal sealed class UploadFileCommand(SessionMcpOptions options) : IBrowserCommand
{
    public string Name => "upload_file";

    public PreparedStep Prepare(CommandData data)
    {
        var target = data.RequireTarget();
        var paths = data.GetStringList("paths") ?? throw new InvalidArgumentException(data.Field("paths"), "is required: a list of file paths on the server's machine, such as [\"/tmp/report.pdf\"].");
        var files = new List<string>(paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            var field = $"{data.Field("paths")}[{i}]";
            if (!Path.IsPathFullyQualified(paths[i]))
            {
                throw new InvalidArgumentException(field, $"'{ErrorText.Quote(paths[i])}' is not an absolute path; give the absolute path of a file on the server's machine.");
            }

            // What is checked is what is uploaded: the file the links lead to. Outside the uploads folder, a file that
            // exists and one that does not get the same answer, so the check tells nothing about the rest of the disk.
            var real = RealPath.Resolve(paths[i]);
            if (options.UploadsPath is { } root && !RealPath.IsInside(real, root))
            {
                throw new InvalidArgumentException(field, $"'{ErrorText.Quote(paths[i])}' is outside the folder uploads may come from ({root}); put the file there first (SessionMcp:UploadsPath).");
            }

            if (!File.Exists(real))
            {
                throw new InvalidArgumentException(field, $"'{ErrorText.Quote(paths[i])}' is not an existing file; give an absolute path of a file on the server's machine.");
            }

            files.Add(real);
        }

        return new PreparedStep(Name, async context =>
        {
            await context.OnElementAsync(target, locator => locator.SetInputFilesAsync(files, new LocatorSetInputFilesOptions { Timeout = context.TimeoutMs }));
            return new JsonArray([.. files.Select(p => JsonValue.Create(Path.GetFileName(p)))]);
        });
    }
}

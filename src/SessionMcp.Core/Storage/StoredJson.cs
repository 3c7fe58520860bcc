using System.Text.Json.Serialization;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Core.Storage;

/// <summary>
/// How rows keep sessions and runs (and how they cross between the hosts of a cluster): generated at build time, enums
/// by name, so reordering <see cref="CloseReason"/> or <see cref="RunStatus"/> cannot change what an old row means. Rows
/// written with numbers (before 0.9) still read.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionRecord))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(Profiles.BrowserProfile))]
[JsonSerializable(typeof(RunRequest))]
[JsonSerializable(typeof(RunProgress))]
[JsonSerializable(typeof(Frames.Frame))]
[JsonSerializable(typeof(Frames.FrameRequest))]
internal sealed partial class StoredJson : JsonSerializerContext;

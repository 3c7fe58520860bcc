using System.Text.Json.Serialization;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Core.Storage;

/// <summary>
/// How rows keep sessions and runs: generated at build time, enums by name, so reordering <see cref="CloseReason"/>
/// or <see cref="RunStatus"/> cannot change what an old row means. Rows written with numbers (before 0.9) still read.
/// </summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(SessionRecord))]
[JsonSerializable(typeof(RunResult))]
[JsonSerializable(typeof(Profiles.BrowserProfile))]
[JsonSerializable(typeof(RunRequest))]
internal sealed partial class StoredJson : JsonSerializerContext;

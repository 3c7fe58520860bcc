using SessionMcp.Core.Tasks.Prompt;
using Microsoft.Extensions.AI;

namespace SessionMcp.Core.Tasks.Prompt;

/// <summary>The model configured on the server, and how to name it in messages.</summary>
public sealed record ServerModel(IChatClient Client, string Description);

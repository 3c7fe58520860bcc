using Microsoft.Extensions.AI;

namespace SessionMcp.Server.Models;

/// <summary>The model configured on the server, and how to name it in messages.</summary>
public sealed record ServerModel(IChatClient Client, string Description);

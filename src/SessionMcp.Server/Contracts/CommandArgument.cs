using System.ComponentModel;
using System.Text.Json.Nodes;

namespace SessionMcp.Server.Contracts;

/// <summary>One entry of run_task's commands.</summary>
public sealed record CommandArgument(
    [property: Description("The command's name, such as navigate, click, type_text, extract_text or snapshot.")] string Command,
    [property: Description("The command's fields, such as {\"selector\": \"#email\", \"text\": \"a@b.c\"} or {\"ref\": \"e12\"}; left out for commands without any, such as go_back.")] JsonObject? Data = null);

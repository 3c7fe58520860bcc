using System.Text.Json;
using Microsoft.Extensions.AI;

namespace SessionMcp.Core.Tasks.Prompt;

/// <summary>
/// The tools a model acts through: the contract's commands (same names, same data, same checks as command runs)
/// plus <c>done</c> and <c>fail</c>. They are declarations only: the runner carries each call out itself.
/// </summary>
internal static class AgentToolbox
{
    public const string Done = "done";
    public const string Fail = "fail";

    private const string Target = """
        "ref": {"type": "string", "description": "An element ref from the page snapshot, such as e12."},
        "selector": {"type": "string", "description": "A Playwright selector, when there is no ref."}
        """;

    private static readonly (string Name, string Description, string Properties, string Required)[] Commands =
    [
        ("navigate", "Open a URL in the current tab.", """ "url": {"type": "string"} """, "\"url\""),
        ("click", "Click an element.", Target, ""),
        ("type_text", "Type into a field, replacing its text; submit presses Enter after.", Target + """, "text": {"type": "string"}, "submit": {"type": "boolean"} """, "\"text\""),
        ("press_key", "Press a key such as Enter, Tab or Escape.", """ "key": {"type": "string"} """, "\"key\""),
        ("select_option", "Choose options of a select by value or label.", Target + """, "values": {"type": "array", "items": {"type": "string"}} """, "\"values\""),
        ("check", "Tick or untick a checkbox or radio button.", Target + """, "checked": {"type": "boolean"} """, ""),
        ("hover", "Move the mouse over an element.", Target, ""),
        ("scroll", "Scroll the page by y pixels, or an element into view.", """ "y": {"type": "integer"}, "selector": {"type": "string"} """, ""),
        ("wait_for_selector", "Wait until an element appears.", """ "selector": {"type": "string"} """, "\"selector\""),
        ("extract_text", "Read the text of the page, of an element, or of every match (all).", """ "selector": {"type": "string"}, "all": {"type": "boolean"} """, ""),
        ("go_back", "Go back in the tab's history.", "", ""),
        ("switch_tab", "Make another tab the current one (tabs are numbered from 0).", """ "index": {"type": "integer"} """, "\"index\""),
    ];

    public static IList<AITool> Tools { get; } = Build();

    /// <summary>
    /// The tools plus <c>wait_for_human</c>, for servers where a person can answer in the live view: the model asks
    /// for help with what it must not or cannot do itself (a captcha, a second factor, an approval).
    /// </summary>
    public static IList<AITool> WithPerson { get; } =
    [
        .. Tools,
        AIFunctionFactory.CreateDeclaration(
            "wait_for_human",
            "Ask the person watching the session's live view to do something you cannot (a captcha, a code sent to their phone, an approval) and wait until they press Done; Reject or no answer fails this step.",
            Schema(""" "message": {"type": "string", "description": "What the person should do, in one or two sentences."} """, "\"message\"")),
    ];

    /// <summary>
    /// Whether a run offering <paramref name="offered"/> offered the model a tool of that name. A model can name
    /// any tool (an instruction injected by a page asks it to); only what it was offered may run.
    /// </summary>
    public static bool Offers(IList<AITool> offered, string name) => offered.Any(t => t.Name == name);

    private static List<AITool> Build()
    {
        var tools = new List<AITool>();
        foreach (var (name, description, properties, required) in Commands)
        {
            tools.Add(AIFunctionFactory.CreateDeclaration(name, description, Schema(properties, required)));
        }

        tools.Add(AIFunctionFactory.CreateDeclaration(Done, "The goal is reached: give the answer (matching the requested data shape, if one was given) and stop.", Schema(""" "output": {"description": "The answer: text, or JSON in the requested shape."}, "reason": {"type": "string"} """, "\"output\"")));
        tools.Add(AIFunctionFactory.CreateDeclaration(Fail, "The goal cannot be reached: say why and stop.", Schema(""" "reason": {"type": "string"} """, "\"reason\"")));
        return tools;
    }

    private static JsonElement Schema(string properties, string required)
    {
        var withReason = properties.Contains("\"reason\"", StringComparison.Ordinal) ? properties
            : (properties.Trim().Length == 0 ? "" : properties + ",") + """ "reason": {"type": "string", "description": "Why this step, in a few words."} """;
        return JsonDocument.Parse($$"""{"type": "object", "properties": { {{withReason}} }, "required": [{{required}}]}""").RootElement.Clone();
    }
}

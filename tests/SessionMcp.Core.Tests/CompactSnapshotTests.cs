using SessionMcp.Core.Tasks.Commands;

namespace SessionMcp.Core.Tests;

/// <summary>The compact form, line by line, from Playwright's own AI snapshot text.</summary>
public sealed class CompactSnapshotTests
{
    [Fact]
    public void RunningText_IsOneLine_WithCodeInBackticks_AndItsLinksKeepingRefs()
    {
        const string full = """
            - paragraph [ref=e40]:
              - text: To read files see
              - link [ref=e44] [cursor=pointer]:
                - /url: functions.html#open
                - code: open()
              - text: ", and the"
              - strong [ref=e45]: os
              - text: module’s
              - link "path" [ref=e46] [cursor=pointer]:
                - /url: "#os.path"
              - text: .
            """;

        var compact = CompactSnapshot.Render(full);

        Assert.Equal("""- paragraph: To read files see link "open()" [ref=e44] [url=functions.html#open], and the os module’s link "path" [ref=e46].""", compact);
    }

    [Fact]
    public void LongText_IsCutAfterItsLastRef_SayingHowMuchMore()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 60));
        var full = $"""
            - paragraph:
              - text: {words}
              - link "Next" [ref=e9] [cursor=pointer]:
                - /url: next.html
              - text: {words}
            """;

        var compact = CompactSnapshot.Render(full, textChars: 120);

        Assert.StartsWith("- paragraph: word word", compact, StringComparison.Ordinal);
        Assert.Contains("""link "Next" [ref=e9] [url=next.html]…(+300)""", compact, StringComparison.Ordinal);
        Assert.Equal($"""- paragraph: {words} link "Next" [ref=e9] [url=next.html] {words}""", CompactSnapshot.Render(full, textChars: 0));
    }

    [Fact]
    public void LinkBar_LosesItsSeparators_AndYamlQuotedLinesReadLikeOthers()
    {
        const string full = """
            - list:
              - listitem:
                - link "index" [ref=e5] [cursor=pointer]:
                  - /url: genindex.html
                - text: "|"
              - listitem
              - 'link "Floating Point: Issues and Limitations" [ref=e11] [cursor=pointer]':
                - /url: floatingpoint.html
              - 'tabpanel "Tab #1" [ref=e15]': one
            """;

        var compact = CompactSnapshot.Render(full);

        Assert.Equal("""
            - list
             - link "index" [ref=e5] [url=genindex.html]
             - link "Floating Point: Issues and Limitations" [ref=e11] [url=floatingpoint.html]
             - tabpanel "Tab #1": one
            """.ReplaceLineEndings("\n"), compact);
    }

    [Fact]
    public void LabelWithAColon_RepeatingTheFieldsName_IsLeftOut()
    {
        const string full = """
            - text: "Email:"
            - textbox "Email:" [ref=e19]
            - text: "Note:"
            """;

        Assert.Equal("- textbox \"Email:\" [ref=e19]\n- text: Note:", CompactSnapshot.Render(full));
    }

    [Fact]
    public void ScriptClickableGeneric_KeepsItsRef_OnlyWhenNamedClickable()
    {
        const string full = """
            - generic [ref=e3]: Open
            - generic [ref=e4]: Plain
            """;

        Assert.Equal("- generic [ref=e3]: Open\n- text: Plain", CompactSnapshot.Render(full, new HashSet<string> { "e3" }));
    }
}

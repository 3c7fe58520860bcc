namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// One command of <c>run_task</c>. <see cref="Prepare"/> reads and checks its data before the run starts, so a
/// bad argument fails the call at once instead of half-way through the run.
/// </summary>
public interface IBrowserCommand
{
    /// <summary>The contract name, such as <c>type_text</c>.</summary>
    string Name { get; }

    PreparedStep Prepare(CommandData data);
}

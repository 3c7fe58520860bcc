namespace SessionMcp.Core.Errors;

/// <summary>
/// A failure the caller can act on. <see cref="Exception.Message"/> is shown to the client as it is, so it
/// names the argument or step at fault and says what to do; it never carries internal detail.
/// </summary>
public abstract class SessionMcpException : Exception
{
    protected SessionMcpException(string? argument, string message, Exception? innerException = null)
        : base(ErrorText.Bounded(message), innerException)
    {
        Argument = argument;
    }

    /// <summary>The argument or step at fault (for example <c>timeout</c> or <c>commands[2].data.selector</c>), when there is one.</summary>
    public string? Argument { get; }
}

namespace SessionMcp.Core.Errors;

/// <summary>
/// A step that could not be carried out. It fails the step (and so the run), not the tool call:
/// its message goes into the step's <c>error</c>, written for a model to act on.
/// </summary>
public sealed class CommandFailedException(string message, Exception? innerException = null)
    : Exception(ErrorText.Bounded(message), innerException);

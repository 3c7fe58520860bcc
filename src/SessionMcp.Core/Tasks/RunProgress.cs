namespace SessionMcp.Core.Tasks;

/// <summary>A step of a run has ended: which one of how many, and whether it worked.</summary>
public sealed record RunProgress(int Step, int Total, string Command, bool Ok);

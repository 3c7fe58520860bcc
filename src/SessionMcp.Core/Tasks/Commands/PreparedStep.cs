using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// A checked command, ready to run. <see cref="ProducesOutput"/> marks the ones whose value goes into the run's
/// output; <see cref="MaySpawn"/> the ones after which the runner waits for the tabs and downloads the page started;
/// <see cref="WaitsLongerThanStep"/> the one (<c>wait</c>) that may rightly outlast the step timeout;
/// <see cref="LeavesPageAsIs"/> the ones that only read the page (what was read of it before still holds).
/// </summary>
public sealed record PreparedStep(
    string Command,
    Func<StepContext, Task<JsonNode?>> Execute,
    bool ProducesOutput = false,
    bool MaySpawn = false,
    bool WaitsLongerThanStep = false,
    bool LeavesPageAsIs = false);

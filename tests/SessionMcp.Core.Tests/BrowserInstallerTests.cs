using SessionMcp.Core.Browser;

namespace SessionMcp.Core.Tests;

/// <summary>
/// <c>sessionmcp install-browser</c>'s every way through, on a machine described rather than changed: downloads
/// and package installs are what a test must not do to the machine it runs on.
/// </summary>
public sealed class BrowserInstallerTests
{
    private sealed class FakeMachine
    {
        public string? Browser { get; set; }
        public int PlaywrightExit { get; set; } = 1;
        public string? BrowserAfterPlaywright { get; set; }
        public string? BrowserAfterApt { get; set; }
        public int AptInstallExit { get; set; }
        public int HeadlessShellInstallExit { get; set; }
        public List<string> Ran { get; } = [];
        public int PlaywrightCalls { get; private set; }

        public BrowserInstaller.Machine Describe(bool isRoot = true, bool hasAptGet = true, string os = "linux") => new(
            () => Browser,
            () =>
            {
                PlaywrightCalls++;
                Browser = BrowserAfterPlaywright;
                return PlaywrightExit;
            },
            (file, arguments) =>
            {
                var command = file + " " + string.Join(' ', arguments);
                Ran.Add(command);
                if (command == "apt-get install -y chromium")
                {
                    var exit = AptInstallExit;
                    AptInstallExit = 0;
                    Browser = exit == 0 ? BrowserAfterApt : null;
                    return exit;
                }

                return command == "apt-get install -y chromium-headless-shell" ? HeadlessShellInstallExit : 0;
            },
            isRoot,
            hasAptGet,
            os);
    }

    private static (int Exit, string Said) Install(BrowserInstaller.Machine machine, bool force = false)
    {
        using var output = new StringWriter();
        var exit = new BrowserInstaller(machine, output).Run(force);
        return (exit, output.ToString());
    }

    [Fact]
    public void ABrowserAlreadyThere_IsKept_AndNothingIsInstalled()
    {
        var machine = new FakeMachine { Browser = "/usr/bin/chromium" };

        var (exit, said) = Install(machine.Describe());

        Assert.Equal(0, exit);
        Assert.Contains("SessionMcp will use /usr/bin/chromium", said, StringComparison.Ordinal);
        Assert.Equal(0, machine.PlaywrightCalls);
        Assert.Empty(machine.Ran);
    }

    [Fact]
    public void Force_DownloadsPlaywrightsChromium_EvenWithOneThere()
    {
        var machine = new FakeMachine { Browser = "/usr/bin/chromium", PlaywrightExit = 0, BrowserAfterPlaywright = "Playwright-managed Chromium in /root/.cache/ms-playwright" };

        var (exit, said) = Install(machine.Describe(), force: true);

        Assert.Equal(0, exit);
        Assert.Equal(1, machine.PlaywrightCalls);
        Assert.Contains("Installed. SessionMcp will use Playwright-managed Chromium", said, StringComparison.Ordinal);
        Assert.Empty(machine.Ran);
    }

    [Fact]
    public void NoDownload_AsRootWithAptGet_InstallsTheDistributionsChromium()
    {
        var machine = new FakeMachine { BrowserAfterApt = "/usr/bin/chromium" };

        var (exit, said) = Install(machine.Describe());

        Assert.Equal(0, exit);
        Assert.Equal(["apt-get install -y chromium", "apt-get install -y chromium-headless-shell"], machine.Ran);
        Assert.Contains("could not install Chromium (exit code 1)", said, StringComparison.Ordinal);
        Assert.Contains("Installed. SessionMcp will use /usr/bin/chromium.", said, StringComparison.Ordinal);
        Assert.Contains("Installed chromium-headless-shell too", said, StringComparison.Ordinal);
    }

    [Fact]
    public void ADistributionWithoutTheHeadlessShell_StillEndsWithChromium()
    {
        var machine = new FakeMachine { BrowserAfterApt = "/usr/bin/chromium", HeadlessShellInstallExit = 100 };

        var (exit, said) = Install(machine.Describe());

        Assert.Equal(0, exit);
        Assert.Contains("no chromium-headless-shell package; headless sessions use the full Chromium", said, StringComparison.Ordinal);
    }

    [Fact]
    public void StalePackageLists_AreUpdated_AndTheInstallTriedAgain()
    {
        var machine = new FakeMachine { BrowserAfterApt = "/usr/bin/chromium", AptInstallExit = 100 };

        var (exit, _) = Install(machine.Describe());

        Assert.Equal(0, exit);
        Assert.Equal(["apt-get install -y chromium", "apt-get update", "apt-get install -y chromium", "apt-get install -y chromium-headless-shell"], machine.Ran);
    }

    [Fact]
    public void NoDownload_NotRoot_SaysTheExactCommand_AndRunsNothing()
    {
        var machine = new FakeMachine();

        var (exit, said) = Install(machine.Describe(isRoot: false));

        Assert.Equal(1, exit);
        Assert.Contains("sudo apt-get install -y chromium", said, StringComparison.Ordinal);
        Assert.Empty(machine.Ran);
    }

    [Theory]
    [InlineData("macos", "brew install --cask chromium")]
    [InlineData("windows", "Install Google Chrome")]
    public void NoDownload_ElsewhereThanDebian_SaysWhatToInstall(string os, string advice)
    {
        var machine = new FakeMachine();

        var (exit, said) = Install(machine.Describe(hasAptGet: false, os: os));

        Assert.Equal(1, exit);
        Assert.Contains(advice, said, StringComparison.Ordinal);
        Assert.Empty(machine.Ran);
    }

    [Fact]
    public void AptGetThatInstallsNothing_IsAFailure_NamingTheCommand()
    {
        var machine = new FakeMachine { AptInstallExit = 100 };

        var (exit, said) = Install(machine.Describe());

        Assert.Equal(1, exit);
        Assert.Contains("apt-get did not install Chromium; run 'apt-get install -y chromium'", said, StringComparison.Ordinal);
    }
}

using SessionMcp.Tests.Common;

[assembly: AssemblyFixture(typeof(BrowserFixture))]

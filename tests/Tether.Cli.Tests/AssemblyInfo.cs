// The host's security rests on Unix file modes, peer credentials and unix sockets; its tests run on Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

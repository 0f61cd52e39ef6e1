using System.Collections.Concurrent;
using Tether.Client.Pairing;

namespace Tether.Host.Tests.Support;

/// <summary>A device screen: remembers the code it showed and every wrong-code notice.</summary>
internal sealed class RecordingDeviceEvents : IDevicePairingEvents
{
    public TaskCompletionSource<string> Code { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConcurrentQueue<int> WrongCodes { get; } = new();

    public void ShowCode(string eightDigits) => Code.TrySetResult(eightDigits);

    public void WrongCode(int attemptsLeft) => WrongCodes.Enqueue(attemptsLeft);
}

using Pipeline.Steps.Runtime;
using Pipeline.Steps.Tests.Support;

namespace Pipeline.Steps.Tests.StepContract;

public sealed class FolderLockTests
{
    [Fact]
    public void A_held_lock_makes_the_next_taker_wait_and_then_say_which_folder()
    {
        using var state = new TempFolder();
        using (FolderLock.Acquire(state.Path))
        {
            var e = Assert.Throws<TimeoutException>(() => FolderLock.Acquire(state.Path, TimeSpan.FromMilliseconds(300)));
            Assert.Contains(state.Path, e.Message, StringComparison.Ordinal);
        }

        // Released: the next one takes it at once.
        using var again = FolderLock.Acquire(state.Path, TimeSpan.FromMilliseconds(300));
    }
}

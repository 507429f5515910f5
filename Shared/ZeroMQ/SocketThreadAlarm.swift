import Synchronization

/// A one-shot alarm kept by a ``SocketThread``: its action runs on the thread, between two
/// polls, once the instant it was set for has passed. The thread's wait lasts no longer
/// than until the earliest alarm, so an alarm costs no timer of its own, no other thread and no
/// system call — unlike `Task.sleep`, which goes through a Dispatch timer, wakes a Dispatch
/// thread and then this one.
///
/// The action runs outside any task; code isolated to an actor whose executor is the thread's
/// (``SocketThreadExecutor``) can be entered with `assumeIsolated`.
public final class SocketThreadAlarm: Sendable {
    private struct State {
        var due: ContinuousClock.Instant?
        var action: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())
    /// Wakes the thread to compute its poll timeout again, if it sleeps and the caller is not the
    /// thread. It holds the thread's mailbox weakly: the mailbox keeps its alarms.
    private let nudge: @Sendable () -> Void

    init(nudge: @escaping @Sendable () -> Void) {
        self.nudge = nudge
    }

    /// What the alarm does when it goes off (set once, before the alarm is first set).
    public func onFire(_ action: @escaping @Sendable () -> Void) {
        state.withLock { $0.action = action }
    }

    /// Sets the alarm for `instant`, unless it is already set for an earlier one.
    public func set(at instant: ContinuousClock.Instant) {
        let changed = state.withLock { state -> Bool in
            if let due = state.due, due <= instant { return false }
            state.due = instant
            return true
        }
        // The thread computes its poll timeout before it sleeps: wake it to compute it again.
        if changed { nudge() }
    }

    /// Unsets the alarm.
    public func cancel() {
        state.withLock { $0.due = nil }
    }

    /// When the alarm is set for, if it is.
    var due: ContinuousClock.Instant? { state.withLock { $0.due } }

    /// Runs the action if the alarm is due at `now`, unsetting it first so the action may set
    /// it again (called by the thread's loop).
    /// Runs the action if the alarm is due; whether it was.
    @discardableResult
    func fireIfDue(now: ContinuousClock.Instant) -> Bool {
        let (due, action) = state.withLock { state -> (Bool, (@Sendable () -> Void)?) in
            guard let due = state.due, due <= now else { return (false, nil) }
            state.due = nil
            return (true, state.action)
        }
        action?()
        return due
    }
}

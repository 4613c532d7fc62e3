package store

import "context"

// progressKey carries a progress callback in a context.
type progressKey struct{}

// WithProgress returns a context under which long operations of a store
// (Verify: one step per run) report done of total steps to f. The store only
// counts; the command line decides whether and how to show it. Carried by the
// context so that the Store interface stays as it is.
func WithProgress(ctx context.Context, f func(done, total int)) context.Context {
	return context.WithValue(ctx, progressKey{}, f)
}

// progressOf returns the context's progress callback, or one that does nothing.
func progressOf(ctx context.Context) func(done, total int) {
	if f, ok := ctx.Value(progressKey{}).(func(done, total int)); ok && f != nil {
		return f
	}
	return func(int, int) {}
}

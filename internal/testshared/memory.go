package testshared

import (
	"runtime"
	"sync"
	"time"
)

// Memory runs fn and returns the peak of the heap while it ran (sampled
// every 5 ms, and at the end) and the bytes it allocated in all: the
// measure of the tests that hold quipu to bounded memory on hostile input.
func Memory(fn func()) (peak, total uint64) {
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapAlloc)
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	fn()
	close(done)
	wg.Wait()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	return max(peak, after.HeapAlloc), after.TotalAlloc - before.TotalAlloc
}

package testshared

import "testing"

// TestScaleNeedsTheVariable protects a contributor's laptop: the scale
// tests (gigabytes of memory) run only with QUIPU_SCALE=1, never by default.
func TestScaleNeedsTheVariable(t *testing.T) {
	t.Setenv(ScaleEnv, "")
	if Scale() {
		t.Error("scale tests on without QUIPU_SCALE")
	}
	t.Setenv(ScaleEnv, "1")
	if Scale() == testing.Short() {
		t.Errorf("QUIPU_SCALE=1: Scale() = %v with -short %v", Scale(), testing.Short())
	}
}

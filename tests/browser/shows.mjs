// Visibility checks that wait: a page redraws after its fetches answer, so
// asking isVisible() right after a click races the redraw. shows() waits up
// to `timeout` ms for the element and answers true or false (never throws),
// so a missing element is one failed check, not an aborted walkthrough.
export async function shows(locator, timeout = 5000) {
  try {
    await locator.waitFor({ state: "visible", timeout });
    return true;
  } catch {
    return false;
  }
}

// The same for any state of the page: a list or a field redraws after a
// keystroke or a fetch, so reading it right after one races the redraw.
// Waits up to `timeout` ms for `predicate()` to be true; true or false.
export async function eventually(predicate, timeout = 5000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (await predicate()) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// `locator` comes to match exactly `n` elements.
export function countBecomes(locator, n, timeout = 5000) {
  return eventually(async () => (await locator.count()) === n, timeout);
}

// A form field comes to hold `value`.
export function valueBecomes(locator, value, timeout = 5000) {
  return eventually(async () => (await locator.inputValue()) === value, timeout);
}

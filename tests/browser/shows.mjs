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

/**
 * Rate-limit how often a function runs in the browser or in Node.
 *
 * debounce: run once, `waitMs` after the last call (search-as-you-type).
 * throttle: run at most once every `intervalMs` (scroll and resize handlers).
 */

export function debounce(fn, waitMs = 250, { leading = false, maxWaitMs } = {}) {
  let timer = null;
  let firstCallAt = null;
  let lastArgs;
  let lastThis;

  const invoke = () => {
    timer = null;
    firstCallAt = null;
    fn.apply(lastThis, lastArgs);
  };

  function debounced(...args) {
    lastArgs = args;
    lastThis = this;
    const now = Date.now();
    if (firstCallAt === null) {
      firstCallAt = now;
      if (leading && timer === null) {
        fn.apply(lastThis, lastArgs);
      }
    }
    clearTimeout(timer);
    const waitedMs = now - firstCallAt;
    if (maxWaitMs !== undefined && waitedMs >= maxWaitMs) {
      invoke();
      return;
    }
    timer = setTimeout(invoke, waitMs);
  }

  debounced.cancel = () => {
    clearTimeout(timer);
    timer = null;
    firstCallAt = null;
  };

  debounced.flush = () => {
    if (timer !== null) {
      clearTimeout(timer);
      invoke();
    }
  };

  return debounced;
}

export function throttle(fn, intervalMs = 100) {
  let lastRunAt = 0;
  let trailing = null;

  return function throttled(...args) {
    const now = Date.now();
    const remaining = intervalMs - (now - lastRunAt);
    if (remaining <= 0) {
      lastRunAt = now;
      fn.apply(this, args);
    } else if (trailing === null) {
      trailing = setTimeout(() => {
        lastRunAt = Date.now();
        trailing = null;
        fn.apply(this, args);
      }, remaining);
    }
  };
}

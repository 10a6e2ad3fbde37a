// "Read once, but not a failure": the first call for a key starts `load`, and every call for that
// key shares its promise — unless it rejects, in which case it is forgotten and the next call
// loads again (SSM was throttled, the parameter did not exist yet).
export function cachedOnSuccess<Key, Value>(load: (key: Key) => Promise<Value>): (key: Key) => Promise<Value> {
  const cached = new Map<Key, Promise<Value>>();
  return (key) => {
    const known = cached.get(key);
    if (known) return known;
    const loading = load(key);
    cached.set(key, loading);
    loading.catch(() => {
      if (cached.get(key) === loading) cached.delete(key);
    });
    return loading;
  };
}

/** A Map with LRU eviction and a hard cap: memory stays bounded whatever the traffic. */
export class LruCache<K, V> extends Map<K, V> {
  readonly #capacity: number

  constructor(capacity: number) {
    super()
    this.#capacity = capacity
  }

  override get(key: K): V | undefined {
    const value = super.get(key)
    // Re-insert so iteration order tracks recency.
    if (value !== undefined) this.set(key, value)
    return value
  }

  override set(key: K, value: V): this {
    if (this.#capacity > 0) {
      this.delete(key)
      super.set(key, value)
      if (this.size > this.#capacity) this.delete(this.keys().next().value as K)
    }
    return this
  }
}

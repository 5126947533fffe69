/** A Map-backed LRU with a hard cap: memory stays bounded whatever the traffic. */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>()
  readonly #capacity: number

  constructor(capacity: number) {
    this.#capacity = capacity
  }

  get(key: K): V | undefined {
    const value = this.#map.get(key)
    if (value !== undefined) {
      // Re-insert so iteration order tracks recency.
      this.#map.delete(key)
      this.#map.set(key, value)
    }
    return value
  }

  set(key: K, value: V): void {
    if (this.#capacity <= 0) return
    this.#map.delete(key)
    this.#map.set(key, value)
    if (this.#map.size > this.#capacity) {
      this.#map.delete(this.#map.keys().next().value as K)
    }
  }

  delete(key: K): void {
    this.#map.delete(key)
  }

  get size(): number {
    return this.#map.size
  }
}

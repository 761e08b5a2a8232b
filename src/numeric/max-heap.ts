/**
 * A binary max-heap keyed by BigInt: the open boxes of branch-and-bound (largest bound first) and,
 * with negated keys, the k-way merge of sorted subset sums in Lemma 6a.
 */

/**
 * A max-heap of items with BigInt keys.
 *
 * @example
 * ```ts
 * const h = new MaxHeap<string>();
 * h.push(3n, 'a'); h.push(5n, 'b');
 * h.pop()?.item; // 'b'
 * ```
 */
export class MaxHeap<T> {
  private readonly keys: bigint[] = [];
  private readonly items: T[] = [];

  /** Number of items. @example `new MaxHeap<number>().size // 0` */
  get size(): number {
    return this.keys.length;
  }

  /** The largest key, or undefined when empty. @example `h.peekKey() // 5n` */
  peekKey(): bigint | undefined {
    return this.keys[0];
  }

  /** Adds an item. @example `h.push(1n, 'x')` */
  push(key: bigint, item: T): void {
    const k = this.keys;
    const it = this.items;
    let i = k.length;
    k.push(key);
    it.push(item);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((k[p] as bigint) >= key) break;
      k[i] = k[p] as bigint;
      it[i] = it[p] as T;
      i = p;
    }
    k[i] = key;
    it[i] = item;
  }

  /** Removes and returns the item with the largest key. @example `h.pop() // { key: 5n, item: 'b' }` */
  pop(): { key: bigint; item: T } | undefined {
    const k = this.keys;
    const it = this.items;
    if (k.length === 0) return undefined;
    const top = { key: k[0] as bigint, item: it[0] as T };
    const lastKey = k.pop() as bigint;
    const lastItem = it.pop() as T;
    const n = k.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (k[r] as bigint) > (k[l] as bigint) ? r : l;
        if ((k[c] as bigint) <= lastKey) break;
        k[i] = k[c] as bigint;
        it[i] = it[c] as T;
        i = c;
      }
      k[i] = lastKey;
      it[i] = lastItem;
    }
    return top;
  }
}

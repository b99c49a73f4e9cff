/**
 * The layout module's calling convention, written out by hand instead of asc's generated bindings
 * (1.9 KB minified, most of it for types the module never passes): typed arrays go in as
 * AssemblyScript typed-array objects made with the runtime's `__new` (their class ids exported by
 * the module itself, assembly/index.ts), and come out copied. Objects are pinned while a call
 * runs, so the module may collect at any time under any runtime.
 */
export interface ModuleExports {
  memory: WebAssembly.Memory;
  __new(size: number, id: number): number;
  __pin(ptr: number): number;
  __unpin(ptr: number): void;
  INT32_ARRAY_ID: WebAssembly.Global;
  FLOAT64_ARRAY_ID: WebAssembly.Global;
}

type Typed = Int32Array | Float64Array;
type TypedConstructor<A extends Typed> = { new(buffer: ArrayBuffer, byteOffset: number, length: number): A; BYTES_PER_ELEMENT: number };

export interface Module<E extends ModuleExports> {
  exports: E;
  /** Calls `fn` with each typed array in `args` lowered (numbers pass as they are), all pinned
   *  until it returns; the result is a pointer. */
  call(fn: (...args: number[]) => number, ...args: (Typed | number)[]): number;
  /** Copies the typed array at `ptr` out of the module's memory. */
  lift<A extends Typed>(ptr: number, type: TypedConstructor<A>): A;
}

export async function instantiateModule<E extends ModuleExports>(module: WebAssembly.Module): Promise<Module<E>> {
  let ex: E;
  const text = (ptr: number) => (ptr ? new TextDecoder('utf-16le').decode(new Uint16Array(ex.memory.buffer, ptr, new Uint32Array(ex.memory.buffer, ptr - 4, 1)[0] >>> 1)) : '');
  const instance = await WebAssembly.instantiate(module, {
    env: {
      abort(message: number, file: number, line: number, column: number) {
        throw new Error(`${text(message)} in ${text(file)}:${line}:${column}`);
      },
    },
  });
  ex = instance.exports as unknown as E;
  const lower = (a: Typed): number => {
    const bytes = a.byteLength;
    const buffer = ex.__pin(ex.__new(bytes, 1)) >>> 0; // class id 1: ArrayBuffer
    const view = ex.__pin(ex.__new(12, (a instanceof Int32Array ? ex.INT32_ARRAY_ID : ex.FLOAT64_ARRAY_ID).value)) >>> 0;
    ex.__unpin(buffer);
    new Uint32Array(ex.memory.buffer, view, 3).set([buffer, buffer, bytes]); // buffer, dataStart, byteLength
    new Uint8Array(ex.memory.buffer, buffer, bytes).set(new Uint8Array(a.buffer, a.byteOffset, bytes));
    return view;
  };
  return {
    exports: ex,
    call(fn, ...args) {
      const pinned: number[] = [];
      try {
        return fn(...args.map((a) => (typeof a === 'number' ? a : (pinned.push(lower(a)), pinned[pinned.length - 1]))));
      } finally {
        pinned.forEach(ex.__unpin);
      }
    },
    lift<A extends Typed>(ptr: number, type: TypedConstructor<A>): A {
      const [, data, bytes] = new Uint32Array(ex.memory.buffer, ptr >>> 0, 3);
      return new type(ex.memory.buffer, data, bytes / type.BYTES_PER_ELEMENT).slice() as A;
    },
  };
}

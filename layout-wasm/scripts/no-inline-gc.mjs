// asc transform (asconfig.json's release and node targets): keeps the GC's `__visit` out of line.
// The minimal runtime's `__visit_globals` visits every managed global (~170 typed arrays); with
// `__visit` inlined into each visit, that one function was 20.9 KB, 24% of the module, run once per
// collection (after a layout). Marking `__visit` no-inline before asc optimizes makes it 2 KB; layout
// speed is unchanged (only the collection after each layout calls it).
import { Transform } from 'assemblyscript/transform';

export default class NoInlineGc extends Transform {
  afterCompile(module) {
    this.binaryen.setPassArgument('no-inline', '~lib/rt/tcms/__visit');
    module.runPasses(['no-inline']);
    this.binaryen.clearPassArguments?.();
  }
}

import { MemoryStore } from '../../server/store/memory';
import { storeContract } from './contract';

storeContract('memory', async () => new MemoryStore());

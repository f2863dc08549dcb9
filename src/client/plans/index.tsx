/** The plans dialog page's entry. */
import { render } from 'preact';
import { PlansApp } from './app';

const root = document.getElementById('app');
if (root) render(<PlansApp />, root);

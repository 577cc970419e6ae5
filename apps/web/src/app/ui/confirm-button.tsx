import { App, Button, type ButtonProps, Popconfirm } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../api-client.ts';

type ConfirmButtonProps = Omit<ButtonProps, 'onClick' | 'children'> & {
  /** What the person is asked before anything happens. */
  question: ReactNode;
  /** The change itself (a mutation); its failure is shown as the API's message. */
  action: () => Promise<unknown>;
  /** Shown when the action succeeded. */
  success: string;
  onDone?: () => void;
  okText?: string;
  children: ReactNode;
  'data-testid'?: string;
};

/** Ask → act → say how it went: the confirm step of the lists' row actions, written once. */
export function ConfirmButton({ question, action, success, onDone, okText, children, ...button }: ConfirmButtonProps) {
  const { message } = App.useApp();
  return (
    <Popconfirm
      title={question}
      okText={okText}
      onConfirm={() =>
        action().then(
          () => {
            message.success(success);
            onDone?.();
          },
          (failure: unknown) => message.error(errorMessage(failure)),
        )
      }
    >
      <Button {...button}>{children}</Button>
    </Popconfirm>
  );
}
